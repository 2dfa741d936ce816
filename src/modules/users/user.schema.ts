import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEVELS, ROLES } from '../../domain/access/roles';

export class JurisdictionSchema {
  @ApiProperty({ enum: LEVELS }) level!: string;
  @ApiPropertyOptional({ example: '130100', description: 'Absent at the national level' })
  regionCode?: string;
}

export class UserSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiPropertyOptional({ type: JurisdictionSchema }) jurisdiction?: JurisdictionSchema;
  @ApiPropertyOptional({ format: 'uuid' }) enterpriseId?: string;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** The signed-in user. */
export class MeSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiPropertyOptional({ type: JurisdictionSchema }) jurisdiction?: JurisdictionSchema;
  @ApiPropertyOptional({ format: 'uuid' }) enterpriseId?: string;
}

export class TokenSchema {
  @ApiProperty({ description: 'A JWT (HS256); send it as `Authorization: Bearer …`' })
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until it expires' }) expiresIn!: number;
}

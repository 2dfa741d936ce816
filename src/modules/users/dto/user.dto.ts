import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LEVELS, ROLES, type Level, type Role } from '../../../domain/access/roles';
import { IsRegionCode } from '../../../infra/validation/validators';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import type { UserRecord } from '../user.record';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;

export class JurisdictionDto {
  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level!: Level;

  @ApiProperty({ required: false, example: '130100' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;
}

export class CreateUserDto {
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–64 letters, digits, _ . or -' })
  username!: string;

  @IsString() @MinLength(12) @MaxLength(200) password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @IsOptional() @IsUUID() enterpriseId?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => JurisdictionDto)
  jurisdiction?: JurisdictionDto;
}

export class UpdateUserDto {
  @IsOptional() @IsBoolean() disabled?: boolean;
  @IsOptional() @IsString() @MinLength(12) @MaxLength(200) password?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ROLES, required: false })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export type UserResponse = {
  id: string;
  username: string;
  role: Role;
  enterpriseId?: string;
  jurisdiction?: { level: Level; regionCode?: string };
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
};

export const toUserResponse = (user: UserRecord): UserResponse => ({
  id: user.id,
  username: user.username,
  role: user.role,
  ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
  ...(user.jurisdictionLevel
    ? {
        jurisdiction: {
          level: user.jurisdictionLevel,
          ...(user.regionCode ? { regionCode: user.regionCode } : {}),
        },
      }
    : {}),
  disabled: user.disabled,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

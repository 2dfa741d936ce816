import { ApiProperty } from '@nestjs/swagger';
import { SECTORS } from '../../domain/certification/sectors';
import { EXAMPLE_CREDIT_CODE } from '../../infra/http/openapi/examples';

export class EnterpriseSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example: EXAMPLE_CREDIT_CODE,
    description: 'Unified social credit code (GB 32100)',
  })
  creditCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '130102', description: 'GB/T 2260 county-level code' })
  regionCode!: string;
  @ApiProperty({ enum: SECTORS }) sector!: string;
  @ApiProperty({ format: 'date' }) establishedOn!: string;
}

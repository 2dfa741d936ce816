import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsRegionCode } from '../../../infra/validation/validators';

export class ProgressQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ required: false, example: '130100' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;
}

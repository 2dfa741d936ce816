import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SECTORS, type Sector } from '../../../domain/certification/sectors';
import { IsCalendarDate, IsCreditCode, IsRegionCode } from '../../../shared/validation/validators';
import { USERNAME_PATTERN } from '../../users/dto/user.dto';

export class AccountDto {
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–64 letters, digits, _ . or -' })
  username!: string;

  @IsString() @MinLength(12) @MaxLength(200) password!: string;
}

export class RegisterEnterpriseDto {
  @ApiProperty({
    example: '91130100MA0CXXXXX0',
    description: 'GB 32100 unified social credit code',
  })
  @IsCreditCode()
  creditCode!: string;

  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;

  @ApiProperty({ example: '130102' })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({ example: '2015-03-01' })
  @IsCalendarDate()
  establishedOn!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AccountDto)
  account!: AccountDto;
}

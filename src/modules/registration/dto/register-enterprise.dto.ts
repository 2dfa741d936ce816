import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsObject,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SECTORS, type Sector } from '../../../domain/certification/sectors';
import { IsCalendarDate, IsCreditCode, IsRegionCode } from '../../../infra/validation/validators';
import { USERNAME_PATTERN } from '../../users/dto/user.dto';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { EXAMPLE_CREDIT_CODE } from '../../../infra/http/openapi/examples';

export class AccountDto {
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–64 letters, digits, _ . or -' })
  username!: string;

  @IsString() @MinLength(12) @MaxLength(200) password!: string;
}

export class RegisterEnterpriseDto {
  @ApiProperty({
    example: EXAMPLE_CREDIT_CODE,
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

export class ClaimantDto {
  @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  /** A telephone number or an address where the authority can reach the claimant. */
  @IsString() @IsNotEmpty() @MaxLength(200) contact!: string;
}

/** A company claims its credit code, registered by an account it does not recognise. */
export class ClaimEnterpriseDto {
  @ApiProperty({ example: EXAMPLE_CREDIT_CODE, description: 'the registered credit code' })
  @IsCreditCode()
  creditCode!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimantDto)
  claimant!: ClaimantDto;

  /** Why the registration is not the company's, and how the authority can verify the claim. */
  @IsString() @IsNotEmpty() @MaxLength(4000) statement!: string;

  /** The account the company wants, created if the claim is granted. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AccountDto)
  account!: AccountDto;
}

export class DecideClaimDto {
  @ApiProperty({ enum: ['granted', 'refused'] })
  @IsIn(['granted', 'refused'])
  outcome!: 'granted' | 'refused';

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(1000, { each: true })
  reasons!: string[];
}

export class ListClaimsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ['pending', 'granted', 'refused'], required: false })
  @IsOptional()
  @IsIn(['pending', 'granted', 'refused'])
  status?: 'pending' | 'granted' | 'refused';
}

import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { IsRegionCode } from '../../../infra/validation/validators';
import type { EnterpriseRecord } from '../enterprise.record';

export class ListEnterprisesQueryDto extends PageQueryDto {
  @IsOptional() @IsRegionCode() regionCode?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) q?: string;
}

export type EnterpriseResponse = {
  id: string;
  creditCode: string;
  name: string;
  regionCode: string;
  sector: string;
  establishedOn: string;
};

export const toEnterpriseResponse = (e: EnterpriseRecord): EnterpriseResponse => ({
  id: e.id,
  creditCode: e.creditCode,
  name: e.name,
  regionCode: e.regionCode,
  sector: e.sector,
  establishedOn: e.establishedOn,
});

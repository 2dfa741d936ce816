import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** §5.3: objections are real-name and in writing, with contact details and evidence. */
export class ObjectionDto {
  @IsString() @IsNotEmpty() @MaxLength(100) name!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) contact!: string;
  @IsString() @IsNotEmpty() @MaxLength(4000) reason!: string;
  @IsOptional() @IsString() @MaxLength(20000) evidence?: string;
}

import { IsString, MaxLength, MinLength } from 'class-validator';

export class TokenRequestDto {
  @IsString() @MinLength(1) @MaxLength(64) username!: string;
  @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

import { IsInt, Max, Min } from 'class-validator';

/** A migration between two versions of a pathway. */
export class MigrationDto {
  @IsInt() @Min(1) @Max(999) from!: number;
  @IsInt() @Min(1) @Max(999) to!: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CheckpointSchema {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() hash!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'Ed25519, base64' }) signature!: string;
}

export class PublicKeySchema {
  @ApiProperty({ example: '3f2a9c1b7d4e5f60' }) keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty() publicKeyPem!: string;
}

export class AnchorProblemSchema {
  @ApiProperty({ enum: ['database', 'anchor-file'] }) source!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ enum: ['signature', 'unknown-key', 'truncated', 'mismatch', 'missing'] })
  problem!: string;
}

export class VerifyReportSchema {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: 'integer' }) eventsChecked!: number;
  @ApiProperty() headHash!: string;
  @ApiPropertyOptional({ type: 'integer' }) firstInvalidSeq?: number;
  @ApiPropertyOptional({ enum: ['position', 'link', 'content', 'mac'] }) invalidReason?: string;
  @ApiProperty({ enum: ['genesis', 'checkpoint'] }) from!: string;
  @ApiPropertyOptional({ type: CheckpointSchema }) checkpoint?: CheckpointSchema;
  @ApiProperty({ type: 'integer' }) checkpointsChecked!: number;
  @ApiProperty({ type: 'integer' }) anchorsChecked!: number;
  @ApiProperty({ type: 'integer' }) anchoredSeq!: number;
  @ApiProperty({ type: 'integer' }) unanchoredEvents!: number;
  @ApiProperty({ type: [AnchorProblemSchema] }) problems!: AnchorProblemSchema[];
}

export class ReplayDivergenceSchema {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() event!: string;
  @ApiProperty({ type: String, nullable: true }) expected!: string | null;
  @ApiProperty() got!: string;
}

export class ReplayReportSchema {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() machineId!: string;
  @ApiProperty({ type: 'integer' }) machineVersion!: number;
  @ApiProperty() storedState!: string;
  @ApiProperty() replayedState!: string;
  @ApiProperty({ type: 'integer' }) eventsReplayed!: number;
  @ApiProperty() matches!: boolean;
  @ApiPropertyOptional({ type: ReplayDivergenceSchema }) divergence?: ReplayDivergenceSchema;
  @ApiPropertyOptional({ type: [String] }) differences?: string[];
}

export class BundleSignatureSchema {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty() value!: string;
}

/** A signed case bundle (format 2): the application, its events, the chain head and a signature. */
export class CaseBundleSchema {
  @ApiProperty({ example: 'sme-ladder-case-bundle/2' }) format!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) application!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  events!: Record<string, unknown>[];
  @ApiProperty({ type: 'object', additionalProperties: true }) chainHead!: Record<string, unknown>;
  @ApiProperty({ type: CheckpointSchema, nullable: true }) checkpoint!: CheckpointSchema | null;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      "The application's evidence documents (kind, name, size, sha256; deleted ones marked)",
  })
  documents?: Record<string, unknown>[];
  @ApiProperty({ type: PublicKeySchema }) publicKey!: PublicKeySchema;
  @ApiProperty({ type: BundleSignatureSchema }) signature!: BundleSignatureSchema;
}

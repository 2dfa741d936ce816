import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageSchema } from '../../infra/http/openapi/common.schema';

export class WorkflowVersionSchema {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ description: 'New applications of the tier take this version' })
  current!: boolean;
  @ApiProperty({ type: [String] }) states!: string[];
  @ApiProperty({ type: [String] }) events!: string[];
  @ApiProperty({ description: 'A Mermaid stateDiagram-v2 of this version' }) mermaid!: string;
}

export class WorkflowVersionsSchema {
  @ApiProperty({ type: [WorkflowVersionSchema] }) items!: WorkflowVersionSchema[];
}

export class RenameSchema {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class ChangesSchema {
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String] }) removed!: string[];
  @ApiProperty({ type: [RenameSchema] }) renamed!: RenameSchema[];
}

export class TransitionChangesSchema {
  @ApiProperty({ type: [String], example: ['onSiteCheck --inspection.report--> expertReview'] })
  added!: string[];
  @ApiProperty({ type: [String] }) removed!: string[];
}

/** What changed between two versions of a machine (renames as its migration plan states them). */
export class WorkflowDiffSchema {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: ChangesSchema }) states!: ChangesSchema;
  @ApiProperty({ type: ChangesSchema }) events!: ChangesSchema;
  @ApiProperty({ type: TransitionChangesSchema }) transitions!: TransitionChangesSchema;
}

export class PendingTimerSchema {
  @ApiProperty({ example: 'notice' }) purpose!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class TimerPlanSchema {
  @ApiProperty({ type: [PendingTimerSchema] }) open!: PendingTimerSchema[];
  @ApiProperty({ type: [PendingTimerSchema] }) cancel!: PendingTimerSchema[];
  @ApiProperty({ type: [PendingTimerSchema] }) keep!: PendingTimerSchema[];
}

export class DryRunItemSchema {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() fromState!: string;
  @ApiPropertyOptional() toState?: string;
  @ApiProperty({ type: TimerPlanSchema }) timers!: TimerPlanSchema;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: 'Why it cannot be migrated' }) reason?: string;
  @ApiPropertyOptional({ type: MessageSchema }) reasonCode?: MessageSchema;
}

export class DryRunSummarySchema {
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) ok!: number;
  @ApiProperty({ type: 'integer' }) refused!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'provincialReview->expertReview': 12 },
  })
  moves!: Record<string, number>;
}

/** What a migration would do to every running application, changing nothing. */
export class DryRunSchema {
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [DryRunItemSchema] }) items!: DryRunItemSchema[];
  @ApiProperty({ type: DryRunSummarySchema }) summary!: DryRunSummarySchema;
}

export class MigrationStartedSchema {
  @ApiProperty({ format: 'uuid' }) migrationId!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_EVENT_TYPES } from '../../domain/certification/application.events';
import { APPLICATION_STATES } from '../../domain/certification/application.machines';
import { TIERS } from '../../domain/certification/tier';

export class WorkflowSummarySchema {
  @ApiProperty({ example: 'innovative-sme-application' }) id!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: TIERS }) tier!: string;
}

export class WorkflowTransitionSchema {
  @ApiProperty({ enum: APPLICATION_STATES }) from!: string;
  @ApiProperty({ enum: APPLICATION_EVENT_TYPES }) event!: string;
  @ApiProperty({ enum: APPLICATION_STATES }) to!: string;
  @ApiPropertyOptional({ description: 'The guard that must hold' }) guard?: string;
  @ApiProperty({ type: [String], description: 'Who may send the event' }) roles!: string[];
}

/** A tier's pathway: states, events, transitions (with who may send each) and its diagram. */
export class WorkflowSchema {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ enum: APPLICATION_STATES }) initial!: string;
  @ApiProperty({ enum: APPLICATION_STATES, isArray: true }) states!: string[];
  @ApiProperty({ enum: APPLICATION_STATES, isArray: true }) finalStates!: string[];
  @ApiProperty({ enum: APPLICATION_EVENT_TYPES, isArray: true }) events!: string[];
  @ApiProperty({ type: [WorkflowTransitionSchema] }) transitions!: WorkflowTransitionSchema[];
  @ApiProperty({ description: 'A Mermaid stateDiagram-v2 of the machine' }) mermaid!: string;
}

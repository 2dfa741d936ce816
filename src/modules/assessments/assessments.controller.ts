import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor } from '../auth/auth.decorators';
import { AssessmentsService } from './assessments.service';
import { AssessmentRequestDto } from './dto/assessment.dto';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { AssessmentSchema } from './assessment.schema';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  /** Pure computation: the breakdown and the reasons, nothing stored. */
  @ApiOp({
    id: 'assessFacts',
    summary: 'Self-assessment: why the facts pass or fail a tier, dimension by dimension',
  })
  @ApiJson(AssessmentSchema)
  @Post()
  @HttpCode(200)
  assess(@Body() body: AssessmentRequestDto, @CurrentActor() actor: Actor) {
    return this.assessments.assess(body, actor);
  }
}

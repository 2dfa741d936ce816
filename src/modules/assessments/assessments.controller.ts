import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor } from '../auth/auth.decorators';
import { AssessmentsService } from './assessments.service';
import { AssessmentRequestDto } from './dto/assessment.dto';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Pure computation: the breakdown and the reasons, nothing stored. */
  @Post()
  @HttpCode(200)
  async assess(@Body() body: AssessmentRequestDto, @CurrentActor() actor: Actor) {
    const region =
      body.regionCode ?? (await this.assessments.regionOfActor(this.dataSource.manager, actor));
    return this.assessments.assess(body, region);
  }
}

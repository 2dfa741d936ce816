import { Module } from '@nestjs/common';
import { ObjectionRepository } from './objection.repository';

/** Objections filed during public notices (§5.3 step 4); filed and decided through commands. */
@Module({ providers: [ObjectionRepository], exports: [ObjectionRepository] })
export class ObjectionsModule {}

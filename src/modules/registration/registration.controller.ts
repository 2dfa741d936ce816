import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, RequestId } from '../auth/auth.decorators';
import { RegisterEnterpriseDto } from './dto/register-enterprise.dto';
import { RegistrationService } from './registration.service';

@ApiTags('enterprises')
@Controller('enterprises')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  /** Self-registration (no account yet): the enterprise and its first user. */
  @Public()
  @Post()
  register(@Body() body: RegisterEnterpriseDto, @RequestId() requestId: string) {
    return this.registration.register(body, requestId);
  }
}

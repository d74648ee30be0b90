import { describeRegisterImport } from './register-import.case';

describeRegisterImport('memory');

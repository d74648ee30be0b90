import { describeLifecycle } from './lifecycle.case';

describeLifecycle('memory');

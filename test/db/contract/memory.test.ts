import { describeStoreContract } from './contract';

describeStoreContract('memory');

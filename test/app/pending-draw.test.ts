import { describePendingDraw } from './pending-draw.case';

describePendingDraw('memory');

// The committed smtpd session fixtures are what generate.py records today (see ../fresh.ts).
import { fixturesFreshTest } from '../fresh.js';

fixturesFreshTest(import.meta.url);

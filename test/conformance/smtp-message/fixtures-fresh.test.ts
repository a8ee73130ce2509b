// The committed smtp-message fixtures are what generate.py writes today (see ../fresh.ts).
import { fixturesFreshTest } from '../fresh.js';

fixturesFreshTest(import.meta.url);

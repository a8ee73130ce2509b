// Entry of the single-file executable: the SEA's own code cache replaces bin/netkit's.
import { runProcess } from './run.js';

runProcess();

// Worker-thread entry of the float32 trainer's team: registers tsx's TypeScript loader, then runs the loop.
import { register } from 'tsx/esm/api';

register();
await import('./trainTeamWorker.ts');

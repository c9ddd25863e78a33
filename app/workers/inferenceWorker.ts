/**
 * The inference Web Worker: loads shipped models from the site's origin and runs them off the main thread —
 * one forward per model and edit through the kernels' model runner (on WebGPU when the worker has a GPU; it
 * rebuilds a lost device, else continues on the CPU and says why), which returns the readout's logits and the
 * inspector's trace together; the stress sweeps run on the CPU (app/inference/inferenceService.ts).
 */
import { createModelRunner } from '../../kernels/runtime/modelRunner';
import { createInferenceService } from '../inference/inferenceService';
import type { InferenceMessage, InferenceRequest } from '../inference/protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<InferenceRequest>) => void) | null;
  postMessage(message: InferenceMessage): void;
  navigator: { gpu?: GPU };
};

const runner = createModelRunner(scope.navigator.gpu);
const announce = () => scope.postMessage({ type: 'backend', requestId: 0, status: runner.status() });
runner.onStatusChange(announce);
void runner.ready.then(announce);

const service = createInferenceService(
  (url) => fetch(url),
  (message) => scope.postMessage(message),
  runner,
);

scope.onmessage = ({ data }) => {
  void service.handle(data);
};

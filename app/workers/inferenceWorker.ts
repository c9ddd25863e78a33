/**
 * The inference Web Worker: loads shipped models from the site's origin, runs the CPU reference forward with
 * traces, and runs stress sweeps — all off the main thread (app/inference/inferenceService.ts).
 */
import { createInferenceService } from '../inference/inferenceService';
import type { InferenceMessage, InferenceRequest } from '../inference/protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<InferenceRequest>) => void) | null;
  postMessage(message: InferenceMessage): void;
};

const service = createInferenceService(
  (url) => fetch(url),
  (message) => scope.postMessage(message),
);

scope.onmessage = ({ data }) => {
  void service.handle(data);
};

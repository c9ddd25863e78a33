/**
 * The page's handle on inference: requests go to a Web Worker (or, in tests, straight to the service) and
 * come back as callbacks per request. Every request gets an id; messages of superseded requests are dropped by
 * the caller, which compares ids.
 */
import { createInferenceService } from './inferenceService';
import type { Fetcher } from './modelLoader';
import type { InferenceMessage, InferenceRequest } from './protocol';

type Distribute<T> = T extends unknown ? Omit<T, 'requestId'> : never;
export type NewRequest = Distribute<Exclude<InferenceRequest, { type: 'cancel' }>>;

export interface InferenceClient {
  /** Sends a request; `onMessage` receives its messages until 'done'. Returns the request id. */
  request(request: NewRequest, onMessage: (message: InferenceMessage) => void): number;
  cancel(requestId: number): void;
  /** Where this client runs, for the backend badge. */
  readonly where: 'worker' | 'main thread';
}

function dispatcher() {
  let nextId = 1;
  const handlers = new Map<number, (m: InferenceMessage) => void>();
  return {
    add(onMessage: (m: InferenceMessage) => void) {
      const id = nextId++;
      handlers.set(id, onMessage);
      return id;
    },
    deliver(message: InferenceMessage) {
      handlers.get(message.requestId)?.(message);
      if (message.type === 'done') handlers.delete(message.requestId);
    },
    drop(id: number) {
      handlers.delete(id);
    },
  };
}

export function createWorkerInferenceClient(): InferenceClient {
  const worker = new Worker(new URL('../workers/inferenceWorker.ts', import.meta.url), { type: 'module' });
  const d = dispatcher();
  worker.onmessage = ({ data }: MessageEvent<InferenceMessage>) => d.deliver(data);
  return {
    where: 'worker',
    request(request, onMessage) {
      const requestId = d.add(onMessage);
      worker.postMessage({ ...request, requestId } as InferenceRequest);
      return requestId;
    },
    cancel(requestId) {
      d.drop(requestId);
      worker.postMessage({ type: 'cancel', requestId } satisfies InferenceRequest);
    },
  };
}

/** The same service on the calling thread (tests, or a browser without module workers). */
export function createInProcessInferenceClient(fetcher: Fetcher): InferenceClient {
  const d = dispatcher();
  const service = createInferenceService(fetcher, (m) => d.deliver(m));
  return {
    where: 'main thread',
    request(request, onMessage) {
      const requestId = d.add(onMessage);
      void service.handle({ ...request, requestId } as InferenceRequest);
      return requestId;
    },
    cancel(requestId) {
      d.drop(requestId);
      void service.handle({ type: 'cancel', requestId });
    },
  };
}

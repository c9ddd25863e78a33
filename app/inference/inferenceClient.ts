/**
 * The page's handle on inference: requests go to a Web Worker (or, in tests, straight to the service) and
 * come back as callbacks per request. Every request gets an id; messages of superseded requests are dropped by
 * the caller, which compares ids.
 */

import type { ModelRunner } from '../../kernels/runtime/modelRunner';
import type { Fetcher } from '../domain/fetcher';
import { createInferenceService } from './inferenceService';
import type { InferenceBackend, InferenceMessage, InferenceRequest } from './protocol';

type Distribute<T> = T extends unknown ? Omit<T, 'requestId'> : never;
export type NewRequest = Distribute<Exclude<InferenceRequest, { type: 'cancel' }>>;

export interface InferenceClient {
  /** Sends a request; `onMessage` receives its messages until 'done'. Returns the request id. */
  request(request: NewRequest, onMessage: (message: InferenceMessage) => void): number;
  cancel(requestId: number): void;
  /** Where this client runs, for the backend badge. */
  readonly where: 'worker' | 'main thread';
  /** The forwards' backend now (WebGPU adapter or CPU and why). */
  backend(): InferenceBackend;
  /** Backend changes (started, device lost and rebuilt, switched to the CPU). Returns an unsubscribe. */
  onBackendChange(listener: (status: InferenceBackend) => void): () => void;
}

function backendTracker(initial: InferenceBackend) {
  let current = initial;
  const listeners = new Set<(s: InferenceBackend) => void>();
  return {
    get: () => current,
    set(next: InferenceBackend) {
      current = next;
      for (const l of listeners) l(next);
    },
    subscribe(listener: (s: InferenceBackend) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
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
  const backend = backendTracker({ backend: 'starting' });
  worker.onmessage = ({ data }: MessageEvent<InferenceMessage>) => {
    if (data.type === 'backend') backend.set(data.status);
    else d.deliver(data);
  };
  worker.onerror = (event) =>
    backend.set({ backend: 'cpu', reason: `The inference worker failed: ${event.message}` });
  return {
    where: 'worker',
    backend: backend.get,
    onBackendChange: backend.subscribe,
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

/**
 * The same service on the calling thread (tests, or a browser without module workers); `runner` defaults to the
 * CPU reference (inferenceService.ts).
 */
export function createInProcessInferenceClient(
  fetcher: Fetcher,
  runner?: Pick<ModelRunner, 'forward'>,
): InferenceClient {
  const d = dispatcher();
  const service = createInferenceService(fetcher, (m) => d.deliver(m), runner);
  const backend = backendTracker({ backend: 'cpu', reason: 'In-process inference uses the CPU reference.' });
  return {
    where: 'main thread',
    backend: backend.get,
    onBackendChange: backend.subscribe,
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

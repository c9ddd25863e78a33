/**
 * A story's `beforeEach`: hides WebGL 2 from the page (getContext('webgl2') answers null), as on a browser without
 * it, and puts it back afterwards. It patches a browser global, so give the story `tags: ['!autodocs']`: the
 * docs page renders every story at once and the patch would reach the others there too.
 */
export function withoutWebGl2() {
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (
    this: HTMLCanvasElement,
    id: string,
    ...rest: unknown[]
  ) {
    return id === 'webgl2' ? null : (original as (...a: unknown[]) => unknown).call(this, id, ...rest);
  } as typeof original;
  return () => {
    HTMLCanvasElement.prototype.getContext = original;
  };
}

import { Component, type ReactNode } from 'react';

interface WebGlBoundaryProps {
  /** Rendered instead of the 3D scene when it throws (e.g. the WebGL context cannot be created). */
  fallback: (error: Error) => ReactNode;
  children: ReactNode;
}

/** Catches errors of the WebGL scene so the view falls back to 2D instead of breaking the page. */
export class WebGlBoundary extends Component<WebGlBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

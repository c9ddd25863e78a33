/** The dark theme for stories: components/theme.css defines the tokens under [data-theme="dark"]. */
import type { Decorator } from '@storybook/react-vite';

export const darkTheme: Decorator = (Story) => (
  <div data-theme="dark" style={{ padding: '1rem' }}>
    <Story />
  </div>
);

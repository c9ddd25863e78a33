import type { Preview } from '@storybook/react-vite';
import '../components/theme.css';

const preview: Preview = {
  parameters: {
    // Every story is an accessibility test: axe violations fail `npm test`.
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i } },
    layout: 'padded',
  },
  tags: ['autodocs'],
};
export default preview;

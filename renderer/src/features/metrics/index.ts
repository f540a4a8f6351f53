// Metrics dashboard page.
export { MetricsPage } from './MetricsPage';

// @ts-check
/**
 * The two charts, drawn by chart.js (its UMD build, loaded before the modules as window.Chart), and
 * the table beside the status chart, which says the same in text for screen readers.
 */
import { el, money, STATUS_LABELS } from './views.js';

/** @type {any} */
const ChartJs = /** @type {any} */ (window).Chart;

/** @param {string} id */
const canvas = (id) => /** @type {HTMLCanvasElement} */ (document.getElementById(id));

export function createCharts() {
  const revenue = new ChartJs(canvas('revenue-chart'), {
    type: 'bar',
    data: { labels: [], datasets: [{ label: 'Revenue', data: [], backgroundColor: '#1d4ed8' }] },
    options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  });
  const statuses = new ChartJs(canvas('status-chart'), {
    type: 'bar',
    data: { labels: [], datasets: [{ label: 'Orders', data: [], backgroundColor: '#0e7490' }] },
    options: {
      animation: false,
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  return {
    /** @param {{ currency: string, data: { date: string, revenueMinor: number }[] }} report */
    showRevenue(report) {
      revenue.data.labels = report.data.map((day) => day.date.slice(5));
      revenue.data.datasets[0].data = report.data.map((day) => day.revenueMinor / 100);
      revenue.update();
      const total = report.data.reduce((sum, day) => sum + day.revenueMinor, 0);
      /** @type {HTMLElement} */ (document.getElementById('revenue-total')).textContent =
        `${money(total, report.currency)} in 14 days`;
    },
    /** @param {{ data: { status: string, count: number }[] }} report */
    showStatuses(report) {
      statuses.data.labels = report.data.map((row) => STATUS_LABELS[row.status] ?? row.status);
      statuses.data.datasets[0].data = report.data.map((row) => row.count);
      statuses.update();
      /** @type {HTMLElement} */ (document.querySelector('#status-table tbody')).replaceChildren(
        ...report.data.map((row) =>
          el('tr', { 'data-status': row.status }, [
            el('td', {}, [STATUS_LABELS[row.status] ?? row.status]),
            el('td', {}, [String(row.count)]),
          ]),
        ),
      );
    },
  };
}

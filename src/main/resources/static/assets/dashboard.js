// The manager dashboard's behaviour (no inline script: the pages' Content-Security-Policy forbids it).
// - Opened without a time zone: reload once in the browser's own, so times are the manager's.
// - Quick period links fill the picker and submit it.
// - Each figure's chart is drawn from its table (the table stays the source and stays readable).
(function () {
  'use strict';
  const main = document.querySelector('main.dashboard');
  if (!main) {
    return;
  }
  const params = new URLSearchParams(window.location.search);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (main.dataset.zoneGiven !== 'true' && browserZone && !document.getElementById('errors')) {
    params.set('zone', browserZone);
    window.location.replace(window.location.pathname + '?' + params.toString() + window.location.hash);
    return;
  }

  const form = document.getElementById('period');
  document.querySelectorAll('.presets a[data-days]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      const to = form.querySelector('#to').value;
      const end = to ? new Date(to + 'T00:00:00Z') : new Date();
      const start = new Date(end.getTime() - (Number(link.dataset.days) - 1) * 86400000);
      form.querySelector('#from').value = start.toISOString().substring(0, 10);
      form.submit();
    });
  });

  if (typeof echarts === 'undefined') {
    return;
  }

  function columns(table) {
    return Array.from(table.querySelectorAll('thead th')).map(function (th, index) {
      return { index: index, label: th.textContent.trim(), numeric: th.dataset.numeric === 'true',
        charted: th.dataset.charted === 'true' };
    });
  }

  function rows(table) {
    return Array.from(table.querySelectorAll('tbody tr')).map(function (tr) {
      return Array.from(tr.children).map(function (td) {
        return { text: td.textContent.trim(), value: td.dataset.value === undefined || td.dataset.value === ''
          ? null : Number(td.dataset.value) };
      });
    });
  }

  function option(kind, cols, data) {
    const texts = cols.filter(function (c) { return !c.numeric; });
    const charted = cols.filter(function (c) { return c.charted; });
    const category = texts[0];
    if (kind === 'funnel') {
      return {
        tooltip: { trigger: 'item' },
        series: [{ type: 'funnel', sort: 'none', minSize: '8%', label: { show: true, position: 'inside' },
          data: data.map(function (r) { return { name: r[category.index].text, value: r[charted[0].index].value }; }) }]
      };
    }
    if (kind === 'line' && texts.length > 1) {
      // One line per value of the second text column (e.g. per process), over the first (weeks)
      const split = texts[1];
      const xs = Array.from(new Set(data.map(function (r) { return r[category.index].text; })));
      const groups = Array.from(new Set(data.map(function (r) { return r[split.index].text; })));
      const series = [];
      groups.forEach(function (group) {
        charted.forEach(function (c) {
          const byX = {};
          data.filter(function (r) { return r[split.index].text === group; })
            .forEach(function (r) { byX[r[category.index].text] = r[c.index].value; });
          series.push({ type: 'line', name: group + ' ' + c.label, connectNulls: false,
            data: xs.map(function (x) { return byX[x] === undefined ? null : byX[x]; }) });
        });
      });
      return { tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { top: 36, left: 48, right: 16, bottom: 28 },
        xAxis: { type: 'category', data: xs }, yAxis: { type: 'value' }, series: series };
    }
    const labels = data.map(function (r) {
      return texts.length > 1 && kind !== 'bar' ? r[texts[0].index].text + ' · ' + r[texts[1].index].text : r[category.index].text;
    });
    return {
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { top: 36, left: 48, right: 16, bottom: 60 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0, width: 140, overflow: 'truncate' } },
      yAxis: { type: 'value' },
      series: charted.map(function (c) {
        return { type: 'bar', name: c.label, stack: kind === 'stacked' ? 'all' : undefined,
          data: data.map(function (r) { return r[c.index].value; }) };
      })
    };
  }

  const charts = [];
  document.querySelectorAll('.chart[data-for]').forEach(function (container) {
    const table = document.getElementById(container.dataset.for);
    if (!table) {
      return;
    }
    const cols = columns(table);
    if (!cols.some(function (c) { return c.charted; }) || cols.every(function (c) { return c.numeric; })) {
      return;
    }
    const chart = echarts.init(container, null, { renderer: 'svg' });
    chart.setOption(option(table.dataset.chart, cols, rows(table)));
    container.dataset.drawn = 'true';
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();

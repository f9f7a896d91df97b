// Cockpit plugin: a "Finished instances" tab on the process definition page. Community Edition
// Cockpit only lists running instances; managers also need to see how instances ended.
//
// Read-only: queries of the engine's history REST API with the logged-in user's authorizations
// (PROCESS_DEFINITION READ for the BPMN, READ_HISTORY for instances, activities and variables).
// Everything shown is set as text (textContent), never as HTML: business keys come from user input.
const PAGE_SIZE = 50;
/** Variables that name the customer an instance worked on, in order of preference (as CustomerDetails). */
const CUSTOMER_VARIABLES = ['customerId', 'relationshipCustomerId', 'existingCustomerId'];
/** End events found per page in one query; beyond this the page's missing ones are asked one by one. */
const END_EVENT_LIMIT = 500;
const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function cell(row, content, className) {
  const td = element('td', null, className);
  td.append(content == null ? '' : content);
  row.appendChild(td);
  return td;
}

function formatTime(iso) {
  return iso ? iso.replace('T', ' ').substring(0, 19) : '';
}

function formatDuration(millis) {
  if (millis == null) {
    return '';
  }
  const seconds = Math.round(millis / 1000);
  if (seconds < 120) {
    return seconds + ' s';
  }
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? minutes + ' min' : Math.round(minutes / 60) + ' h';
}

/** The engine's dates ("2026-12-04T23:04:04.091+0000") as epoch millis, and back. */
function parseTime(iso) {
  return Date.parse(iso.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

function engineTime(millis) {
  return new Date(millis).toISOString().replace('Z', '+0000');
}

async function call(api, path, body) {
  const response = await fetch(api.engineApi + path, {
    method: body ? 'POST' : 'GET',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-XSRF-TOKEN': api.CSRFToken },
    credentials: 'same-origin',
    body: body ? JSON.stringify(body) : undefined
  });
  if (!response.ok) {
    throw new Error(path.split('?')[0] + ' answered ' + response.status);
  }
  return response.json();
}

/** The definition's end events (id and name) from its BPMN, for the filter. */
async function endEventsOf(api, processDefinitionId) {
  const { bpmn20Xml } = await call(api, '/process-definition/' + encodeURIComponent(processDefinitionId) + '/xml');
  const xml = new DOMParser().parseFromString(bpmn20Xml, 'application/xml');
  return Array.from(xml.getElementsByTagNameNS(BPMN_NS, 'endEvent'))
    .map(e => ({ id: e.getAttribute('id'), name: e.getAttribute('name') || e.getAttribute('id') }));
}

/**
 * Name of the last end event each instance passed. The REST API cannot ask for the activities of a list
 * of instances, so ask for the end events that finished while this page's instances ended (an
 * instance's end event finishes a few milliseconds before the instance); newest first, so the first one
 * seen per instance is where it ended (an invitation also passes its reminders' end events earlier).
 */
async function endEventNames(api, processDefinitionId, instances) {
  const ends = instances.map(i => parseTime(i.endTime));
  const events = await call(api, '/history/activity-instance?activityType=noneEndEvent&sortBy=endTime&sortOrder=desc'
    + '&processDefinitionId=' + encodeURIComponent(processDefinitionId)
    + '&finishedAfter=' + encodeURIComponent(engineTime(Math.min(...ends) - 5000))
    + '&finishedBefore=' + encodeURIComponent(engineTime(Math.max(...ends)))
    + '&maxResults=' + END_EVENT_LIMIT);
  const names = {};
  const note = e => { names[e.processInstanceId] ??= e.activityName || e.activityId; };
  events.forEach(note);
  if (events.length === END_EVENT_LIMIT) { // a sparse (filtered) page: ask for the rest one by one
    await Promise.all(instances.filter(i => !(i.id in names)).map(async i => {
      (await call(api, '/history/activity-instance?activityType=noneEndEvent&sortBy=endTime&sortOrder=desc'
        + '&maxResults=1&processInstanceId=' + encodeURIComponent(i.id))).forEach(note);
    }));
  }
  return names;
}

/** The customer each instance worked on, from one history query for the whole page. */
async function customerIds(api, instances) {
  const variables = await call(api, '/history/variable-instance?deserializeValues=false&maxResults=1000', {
    processInstanceIdIn: instances.map(i => i.id),
    variableNameIn: CUSTOMER_VARIABLES
  });
  const ids = {};
  CUSTOMER_VARIABLES.slice().reverse().forEach(name => variables
    .filter(v => v.name === name && typeof v.value === 'string' && v.value)
    .forEach(v => { ids[v.processInstanceId] = v.value; }));
  return ids;
}

function likeContaining(text) {
  return '%' + text.replace(/[\\%_]/g, '\\$&') + '%';
}

function filterForm(endEvents, filter, onChange) {
  const form = element('form', null, 'form-inline partnerflow-finished-filter');
  const businessKey = element('input', null, 'form-control business-key-filter');
  businessKey.type = 'search';
  businessKey.placeholder = 'Business key contains';
  businessKey.setAttribute('aria-label', 'Business key contains');
  businessKey.value = filter.businessKey;
  const endEvent = element('select', null, 'form-control end-event-filter');
  endEvent.setAttribute('aria-label', 'Ended in');
  endEvent.appendChild(new Option('Any end event', ''));
  endEvents.forEach(e => endEvent.appendChild(new Option(e.name, e.id, false, e.id === filter.endEventId)));
  const submit = element('button', 'Filter', 'btn btn-default');
  submit.type = 'submit';
  form.append(businessKey, ' ', endEvent, ' ', submit);
  form.addEventListener('submit', event => {
    event.preventDefault();
    onChange({ businessKey: businessKey.value.trim(), endEventId: endEvent.value });
  });
  endEvent.addEventListener('change', () => form.requestSubmit());
  return form;
}

function pager(page, pages, onPage) {
  const nav = element('div', null, 'partnerflow-finished-pager');
  const button = (label, target, className) => {
    const b = element('button', label, 'btn btn-default btn-sm ' + className);
    b.type = 'button';
    b.disabled = target < 0 || target >= pages;
    b.addEventListener('click', () => onPage(target));
    return b;
  };
  nav.append(button('‹ Previous', page - 1, 'previous-page'), ' ',
    element('span', 'Page ' + (page + 1) + ' of ' + pages, 'page-number'), ' ',
    button('Next ›', page + 1, 'next-page'));
  return nav;
}

function table(instances, endEvents, customers) {
  const result = element('table', null, 'cam-table partnerflow-finished-instances');
  const head = result.createTHead().insertRow();
  ['State', 'ID', 'Business key', 'Started by', 'Start time', 'End time', 'Duration', 'Ended in']
    .forEach(label => head.appendChild(element('th', label)));
  const body = result.createTBody();
  instances.forEach(instance => {
    const row = body.insertRow();
    let id = instance.id;
    const customerId = customers[instance.id];
    if (customerId) {
      id = element('a', instance.id);
      id.href = '/customers/' + encodeURIComponent(customerId);
      id.title = 'The customer this instance worked on';
    }
    cell(row, instance.state);
    cell(row, id, 'instance-id');
    cell(row, instance.businessKey, 'business-key');
    cell(row, instance.startUserId);
    cell(row, formatTime(instance.startTime)).style.whiteSpace = 'nowrap';
    cell(row, formatTime(instance.endTime)).style.whiteSpace = 'nowrap';
    cell(row, formatDuration(instance.durationInMillis));
    cell(row, endEvents[instance.id] || '', 'end-event');
  });
  return result;
}

async function render(node, { api, processDefinitionId }) {
  let filter = { businessKey: '', endEventId: '' };
  let loads = 0;
  node.innerHTML = '';
  const status = element('p', 'Loading finished instances…', 'partnerflow-finished-status');
  const results = element('div');
  let endEvents = [];
  try {
    endEvents = await endEventsOf(api, processDefinitionId);
  } catch (error) {
    // the list works without the end event filter
  }
  node.append(filterForm(endEvents, filter, changed => { filter = changed; show(0); }), status, results);

  async function show(page) {
    const load = ++loads;
    status.textContent = 'Loading finished instances…';
    const query = { processDefinitionId, finished: true };
    if (filter.businessKey) {
      query.processInstanceBusinessKeyLike = likeContaining(filter.businessKey);
    }
    if (filter.endEventId) {
      query.executedActivityIdIn = [filter.endEventId];
    }
    try {
      const [{ count }, instances] = await Promise.all([
        call(api, '/history/process-instance/count', query),
        call(api, '/history/process-instance?firstResult=' + page * PAGE_SIZE + '&maxResults=' + PAGE_SIZE, {
          ...query,
          sorting: [{ sortBy: 'endTime', sortOrder: 'desc' }, { sortBy: 'instanceId', sortOrder: 'desc' }]
        })
      ]);
      const [names, customers] = instances.length === 0 ? [{}, {}] : await Promise.all([
        endEventNames(api, processDefinitionId, instances), customerIds(api, instances)]);
      if (load !== loads) {
        return; // a newer page or filter was asked for meanwhile
      }
      results.innerHTML = '';
      if (instances.length === 0 && page > 0) {
        return show(0); // fewer instances than when the pager was drawn
      }
      if (instances.length === 0) {
        status.textContent = count === 0 && !filter.businessKey && !filter.endEventId
          ? 'No finished instances of this version yet.' : 'No finished instances match.';
        return;
      }
      const first = page * PAGE_SIZE + 1;
      status.textContent = first + '–' + (first + instances.length - 1) + ' of ' + count
        + ' finished instances of this version, most recently finished first.';
      const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
      results.append(table(instances, names, customers), pager(page, pages, show));
    } catch (error) {
      if (load === loads) {
        results.innerHTML = '';
        status.textContent = 'Finished instances could not be loaded: ' + error.message;
      }
    }
  }

  await show(0);
}

export default {
  id: 'partnerflow.finishedInstances',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 5,
  properties: { label: 'Finished instances' },
  render
};

// Cockpit plugin: a "Finished instances" tab on the process definition page. Community Edition
// Cockpit only lists running instances; managers also need to see how instances ended.
const PAGE_SIZE = 50;

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
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

async function getJson(api, path) {
  const response = await fetch(api.engineApi + path, {
    headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken },
    credentials: 'same-origin'
  });
  if (!response.ok) {
    throw new Error(path + ' answered ' + response.status);
  }
  return response.json();
}

async function render(node, { api, processDefinitionId }) {
  node.innerHTML = '';
  const status = document.createElement('p');
  status.className = 'partnerflow-finished-status';
  status.textContent = 'Loading finished instances…';
  node.appendChild(status);
  try {
    const id = encodeURIComponent(processDefinitionId);
    const [instances, endEvents] = await Promise.all([
      getJson(api, '/history/process-instance?processDefinitionId=' + id
        + '&finished=true&sortBy=endTime&sortOrder=desc&maxResults=' + PAGE_SIZE),
      getJson(api, '/history/activity-instance?processDefinitionId=' + id
        + '&finished=true&activityType=noneEndEvent&sortBy=endTime&sortOrder=desc&maxResults=' + (PAGE_SIZE * 2))
    ]);
    const endEventByInstance = {};
    endEvents.forEach(e => { endEventByInstance[e.processInstanceId] = e.activityName || e.activityId; });
    if (instances.length === 0) {
      status.textContent = 'No finished instances of this version yet.';
      return;
    }
    status.textContent = 'The ' + instances.length + ' most recently finished instances of this version.';
    const table = document.createElement('table');
    table.className = 'cam-table partnerflow-finished-instances';
    const head = table.createTHead().insertRow();
    ['State', 'ID', 'Business key', 'Started by', 'Start time', 'End time', 'Duration', 'Ended in']
      .forEach(label => { const th = document.createElement('th'); th.textContent = label; head.appendChild(th); });
    const body = table.createTBody();
    instances.forEach(instance => {
      const row = body.insertRow();
      cell(row, instance.state);
      cell(row, instance.id, 'instance-id');
      cell(row, instance.businessKey);
      cell(row, instance.startUserId);
      cell(row, formatTime(instance.startTime));
      cell(row, formatTime(instance.endTime));
      cell(row, formatDuration(instance.durationInMillis));
      cell(row, endEventByInstance[instance.id] || '', 'end-event');
    });
    node.appendChild(table);
  } catch (error) {
    status.textContent = 'Finished instances could not be loaded: ' + error.message;
  }
}

export default {
  id: 'partnerflow.finishedInstances',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 5,
  properties: { label: 'Finished instances' },
  render
};

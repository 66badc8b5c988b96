// The emulator's page: everything it shows comes from the /_emulator/ JSON endpoints.
(function () {
  'use strict';
  var selected = null;
  var $ = function (id) { return document.getElementById(id); };

  function api(path, options) {
    return fetch('/_emulator/' + path, options).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body && body.errMsg ? body.errMsg : 'HTTP ' + response.status);
        return body;
      });
    });
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
  }

  function showStatus(text, isError) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
  }

  function loadCollections() {
    return api('collections').then(function (body) {
      var list = $('collections');
      list.textContent = '';
      body.items.forEach(function (collection) {
        var button = document.createElement('button');
        button.type = 'button';
        button.dataset.collection = collection.name;
        button.className = collection.name === selected ? 'active' : '';
        var name = document.createElement('span');
        name.textContent = collection.name;
        var count = document.createElement('span');
        count.className = 'hint';
        count.textContent = collection.count;
        button.append(name, count);
        button.addEventListener('click', function () { selected = collection.name; refresh(); });
        var item = document.createElement('li');
        item.appendChild(button);
        list.appendChild(item);
      });
    });
  }

  function loadDocuments() {
    if (!selected) return Promise.resolve();
    return api('collections/' + encodeURIComponent(selected) + '?limit=50').then(function (body) {
      $('documents-title').textContent = selected + '（最近 ' + body.items.length + ' 条）';
      var box = $('documents');
      box.textContent = '';
      if (body.items.length === 0) {
        box.innerHTML = '<p class="hint">空集合</p>';
        return;
      }
      body.items.slice().reverse().forEach(function (doc) {
        var pre = document.createElement('pre');
        pre.className = 'doc';
        pre.textContent = JSON.stringify(doc, null, 2);
        box.appendChild(pre);
      });
    });
  }

  function loadCalls() {
    return api('calls?limit=100').then(function (body) {
      var rows = $('calls');
      rows.textContent = '';
      body.items.forEach(function (call) {
        var row = document.createElement('tr');
        cell(row, time(call.startedAt));
        cell(row, call.function);
        cell(row, call.action);
        cell(row, call.openid === null ? '（触发器）' : call.openid);
        cell(row, call.status === 'error' ? '失败 ' + (call.error || '') : call.status === 'ok' ? '成功' : '运行中', call.status === 'error' ? 'error' : 'ok');
        cell(row, call.durationMs);
        cell(row, call.databaseRequests);
        cell(row, call.openapiRequests);
        rows.appendChild(row);
      });
    });
  }

  function loadDeliveries() {
    return api('deliveries?limit=100').then(function (body) {
      var rows = $('deliveries');
      rows.textContent = '';
      body.items.slice().reverse().forEach(function (delivery) {
        var row = document.createElement('tr');
        cell(row, time(delivery.time));
        cell(row, delivery.recipient);
        cell(row, delivery.templateKey || delivery.templateId);
        cell(row, delivery.page);
        var values = Object.keys(delivery.data || {}).map(function (key) { return key + '：' + delivery.data[key].value; });
        cell(row, values.join('；'));
        var ok = delivery.result.errCode === 0;
        cell(row, ok ? '已送达' : delivery.result.errCode + ' ' + delivery.result.errMsg, ok ? 'ok' : 'error');
        rows.appendChild(row);
      });
    });
  }

  function loadFaults() {
    return api('faults').then(function (faults) {
      var form = $('faults');
      Object.keys(faults).forEach(function (key) {
        // Leave a field alone while someone is typing in it.
        if (form.elements[key] && document.activeElement !== form.elements[key]) form.elements[key].value = faults[key];
      });
    });
  }

  function saveFaults(values) {
    return api('faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) })
      .then(function () { showStatus('故障设置已应用 faults applied'); return loadFaults(); })
      .catch(function (error) { showStatus(error.message, true); });
  }

  $('faults').addEventListener('submit', function (event) {
    event.preventDefault();
    var form = event.target;
    var values = {};
    ['databaseErrorRate', 'transactionConflictRate', 'openapiErrorRate', 'latencyMs'].forEach(function (key) {
      values[key] = Number(form.elements[key].value || 0);
    });
    saveFaults(values);
  });
  $('faults-off').addEventListener('click', function () {
    saveFaults({ databaseErrorRate: 0, transactionConflictRate: 0, openapiErrorRate: 0, latencyMs: 0 });
  });

  function refresh() {
    return Promise.all([loadCollections(), loadDocuments(), loadCalls(), loadDeliveries()])
      .catch(function (error) { showStatus('无法连接模拟器 ' + error.message, true); });
  }

  refresh();
  loadFaults();
  setInterval(refresh, 2000);
})();

// The emulator's page: everything it shows comes from the /_emulator/ JSON endpoints.
(function () {
  'use strict';
  var selected = null;
  var $ = function (id) {
    return document.getElementById(id);
  };

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
        button.addEventListener('click', function () {
          selected = collection.name;
          refresh();
        });
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
      body.items
        .slice()
        .reverse()
        .forEach(function (doc) {
          var pre = document.createElement('pre');
          pre.className = 'doc';
          pre.textContent = JSON.stringify(doc, null, 2);
          box.appendChild(pre);
        });
    });
  }

  /** Replaces a table body with one row per item; `cells` gives each row's [text, className] pairs. */
  function fillRows(tbodyId, items, cells) {
    var rows = $(tbodyId);
    rows.textContent = '';
    items.forEach(function (item) {
      var row = document.createElement('tr');
      cells(item).forEach(function (pair) {
        cell(row, pair[0], pair[1]);
      });
      rows.appendChild(row);
    });
  }

  function loadCalls() {
    return api('calls?limit=100').then(function (body) {
      fillRows('calls', body.items, function (call) {
        var failed = call.status === 'error';
        return [
          [time(call.startedAt)],
          [call.function],
          [call.action],
          [call.openid === null ? '（触发器）' : call.openid],
          [failed ? '失败 ' + (call.error || '') : call.status === 'ok' ? '成功' : '运行中', failed ? 'error' : 'ok'],
          [call.durationMs],
          [call.databaseRequests],
          [call.openapiRequests],
          [(call.logs || '').slice(0, 300), 'logs'],
        ];
      });
    });
  }

  function loadDeliveries() {
    return api('deliveries?limit=100').then(function (body) {
      fillRows('deliveries', body.items.slice().reverse(), function (delivery) {
        var ok = delivery.result.errCode === 0;
        var values = Object.keys(delivery.data || {}).map(function (key) {
          return key + '：' + delivery.data[key].value;
        });
        return [
          [time(delivery.time)],
          [delivery.recipient],
          [delivery.templateKey || delivery.templateId],
          [delivery.page],
          [values.join('；')],
          [ok ? '已送达' : delivery.result.errCode + ' ' + delivery.result.errMsg, ok ? 'ok' : 'error'],
        ];
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
      .then(function () {
        showStatus('故障设置已应用 faults applied');
        return loadFaults();
      })
      .catch(function (error) {
        showStatus(error.message, true);
      });
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
    return Promise.all([loadCollections(), loadDocuments(), loadCalls(), loadDeliveries()]).catch(function (error) {
      showStatus('无法连接模拟器 ' + error.message, true);
    });
  }

  refresh();
  loadFaults();
  setInterval(refresh, 2000);
})();

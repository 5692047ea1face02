/* FakeGuru's admin web page: reads ui/data and the flame-graph SVGs with same-origin GETs and
   shows them. Read-only. Everything a request returned reaches the page through textContent or as
   a parsed SVG document (which FakeGuru escapes), never through innerHTML. */
(function () {
  'use strict';
  var BASE = '/__fakeguru/';
  var TOKEN_KEY = 'fakeguru-admin-token';
  var token = null;
  var now = null;

  function $(id) {
    return document.getElementById(id);
  }

  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  /* The token comes from the URL fragment (never sent to a server), then lives in this tab only. */
  function readToken() {
    var match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
    if (match) {
      token = decodeURIComponent(match[1]);
      window.sessionStorage.setItem(TOKEN_KEY, token);
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    } else {
      token = window.sessionStorage.getItem(TOKEN_KEY);
    }
  }

  function get(path) {
    var headers = {};
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    return window.fetch(BASE + path, { headers: headers, credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) {
          $('main').hidden = true;
          $('auth').hidden = false;
          throw new Error('The admin token is missing or wrong.');
        }
        if (!response.ok) {
          return response.text().then(function (text) {
            var message = text;
            try {
              message = JSON.parse(text).message;
            } catch (ignored) {
              // not JSON: show the text as it is
            }
            throw new Error(response.status + ': ' + message);
          });
        }
        return response;
      });
  }

  function status(text, isError) {
    var s = $('status');
    s.textContent = text;
    s.className = isError ? 'error' : 'muted';
  }

  function fill(tbody, rows) {
    tbody.replaceChildren.apply(tbody, rows);
  }

  function row(cells, className) {
    var tr = element('tr', null, className);
    cells.forEach(function (cell) {
      tr.appendChild(cell instanceof Node ? cellOf(cell) : element('td', cell));
    });
    return tr;
  }

  function cellOf(node) {
    var td = element('td');
    td.appendChild(node);
    return td;
  }

  function yesNo(b) {
    return b ? 'yes' : 'no';
  }

  function show(data) {
    now = data.now;
    $('clock').textContent = 'fake clock ' + data.now + ' · ' + data.region;
    $('auth').hidden = true;
    $('main').hidden = false;

    var groupSelect = $('range-group');
    var selected = groupSelect.value;
    groupSelect.replaceChildren.apply(groupSelect, data.groups.map(function (g) {
      var option = element('option', g.name);
      option.value = g.name;
      return option;
    }));
    if (selected) {
      groupSelect.value = selected;
    }
    fill($('groups').tBodies[0], data.groups.map(function (g) {
      return row([g.name, String(g.posts)]);
    }));

    $('posts-count').textContent = '(' + data.posts.length + ' of ' + data.totalPosts + ')';
    fill($('posts').tBodies[0], data.posts.map(function (p) {
      var action = p.decoded ? element('button', 'Flame graph', 'show-post') : element('span', p.decodeFailure ? 'not decodable' : '', 'muted');
      if (p.decoded) {
        action.type = 'button';
        action.setAttribute('data-sequence', String(p.sequence));
        action.addEventListener('click', function () {
          showFlameGraph('ui/flame/posts/' + p.sequence);
        });
      }
      return row([
        String(p.sequence), p.receivedAt, p.group, String(p.size) + ' B',
        (p.contentType || '') + (p.contentEncoding ? ' (' + p.contentEncoding + ')' : ''),
        String(p.status), yesNo(p.stored), yesNo(p.faultInjected), action
      ], p.status >= 400 ? 'failed' : null);
    }));

    $('calls-count').textContent = '(' + data.calls.length + ' of ' + data.totalCalls + ')';
    fill($('calls').tBodies[0], data.calls.map(function (c) {
      return row([
        String(c.sequence), c.receivedAt, c.operation, c.group || '', String(c.status),
        c.errorType || '', yesNo(c.faultInjected)
      ], c.status >= 400 ? 'failed' : null);
    }));

    fill($('faults'), data.faults.length === 0 ? [element('li', 'none', 'muted')] : data.faults.map(function (f) {
      return element('li', '#' + f.id + ' ' + f.description + ' (applied ' + f.timesApplied + ' of ' +
        f.timesTargeted + ' times targeted)');
    }));
    fill($('scripts'), data.scripts.length === 0 ? [element('li', 'none', 'muted')] : data.scripts.map(function (s) {
      return element('li', s);
    }));
  }

  function refresh() {
    status('loading…');
    return get('ui/data')
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show(data);
        status('updated');
      })
      .catch(function (e) { status(e.message, true); });
  }

  function showFlameGraph(path) {
    var note = $('flame-note');
    note.textContent = 'loading…';
    note.className = 'muted';
    return get(path)
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        var svg = doc.documentElement;
        if (svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
          throw new Error('the flame graph could not be read');
        }
        var container = $('flame');
        container.replaceChildren(document.importNode(svg, true));
        window.FakeGuruFlameGraph.attach(container.querySelector('svg'));
        note.textContent = '';
      })
      .catch(function (e) {
        $('flame').replaceChildren();
        note.textContent = e.message;
        note.className = 'error';
      });
  }

  function preset(seconds) {
    var end = new Date(now || Date.now());
    var start = new Date(end.getTime() - seconds * 1000);
    $('range-start').value = start.toISOString();
    $('range-end').value = end.toISOString();
    showAggregate();
  }

  function showAggregate() {
    var group = $('range-group').value;
    if (!group) {
      $('flame-note').textContent = 'There is no profiling group yet.';
      return;
    }
    showFlameGraph('ui/flame/aggregated?group=' + encodeURIComponent(group) +
      '&start=' + encodeURIComponent($('range-start').value.trim()) +
      '&end=' + encodeURIComponent($('range-end').value.trim()));
  }

  function start() {
    readToken();
    $('refresh').addEventListener('click', refresh);
    $('range-show').addEventListener('click', showAggregate);
    Array.prototype.forEach.call(document.querySelectorAll('button.preset'), function (b) {
      b.addEventListener('click', function () { preset(Number(b.getAttribute('data-seconds'))); });
    });
    $('auth-form').addEventListener('submit', function (event) {
      event.preventDefault();
      token = $('auth-token').value;
      window.sessionStorage.setItem(TOKEN_KEY, token);
      $('auth-token').value = '';
      refresh();
    });
    refresh();
  }

  start();
})();

/* FakeGuru flame graphs: hover details, click to zoom, search, counter-view switch and the
   icicle/flame toggle, on an SVG written by dev.fakeguru.flamegraph.FlameGraph. No network, no
   dependencies; frame names only ever reach the page as text (textContent), never as markup. */
(function () {
  'use strict';
  var WIDTH = 1200;
  var CHAR_WIDTH = 6.6;
  var PADDING = 3;
  // The differential scale of Palette.java: neutral, grew, shrank; full colour at the largest change.
  var NEUTRAL = [245, 245, 245];
  var GREW = [215, 48, 39];
  var SHRANK = [49, 130, 189];
  var MIN_SCALE_POINTS = 1.0;

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function percent(part, whole) {
    return whole === 0 ? '0.00%' : ((100 * part) / whole).toFixed(2) + '%';
  }

  function points(p) {
    return (p < 0 ? '-' : '+') + Math.abs(p).toFixed(2) + ' pp';
  }

  function fixed(v) {
    return String(Math.round(v * 100) / 100);
  }

  function hex(rgb) {
    return '#' + rgb.map(function (v) { return ('0' + v.toString(16)).slice(-2); }).join('');
  }

  function changeColour(p, scale) {
    var t = Math.min(1, Math.abs(p) / scale);
    var end = p >= 0 ? GREW : SHRANK;
    return hex(NEUTRAL.map(function (from, k) { return Math.round(from + (end[k] - from) * t); }));
  }

  function label(name, width) {
    var fits = Math.floor((width - 2 * PADDING) / CHAR_WIDTH);
    if (name.length <= fits) {
      return name;
    }
    return fits < 3 ? '' : name.substring(0, fits - 2) + '..';
  }

  function parsePairs(text, views) {
    var totals = new Array(views);
    var selves = new Array(views);
    var parts = text.split('|');
    for (var v = 0; v < views; v++) {
      var pair = parts[v].split(' ');
      totals[v] = Number(pair[0]);
      selves[v] = Number(pair[1]);
    }
    return [totals, selves];
  }

  function attach(svg) {
    if (svg.fakeguruFlameGraph) {
      return svg.fakeguruFlameGraph;
    }
    var diff = svg.getAttribute('data-kind') === 'diff';
    var views = JSON.parse(svg.getAttribute('data-views'));
    var labels = JSON.parse(svg.getAttribute('data-labels'));
    var top = Number(svg.getAttribute('data-top'));
    var frameHeight = Number(svg.getAttribute('data-frame-height'));
    var maxDepth = Number(svg.getAttribute('data-max-depth'));
    var vanished = diff ? svg.getAttribute('data-vanished').split('|').map(Number) : [];
    var vanishedFrames = diff ? Number(svg.getAttribute('data-vanished-frames')) : 0;
    var groups = svg.querySelectorAll('g.f');
    var n = groups.length;
    var parent = new Int32Array(n);
    var depth = new Int32Array(n);
    var names = new Array(n);
    var sources = new Array(n);
    var totals = [];
    var selves = [];
    var baseTotals = [];
    var baseSelves = [];
    for (var v = 0; v < views.length; v++) {
      totals.push(new Float64Array(n));
      selves.push(new Float64Array(n));
      baseTotals.push(new Float64Array(n));
      baseSelves.push(new Float64Array(n));
    }
    for (var i = 0; i < n; i++) {
      var g = groups[i];
      g.setAttribute('data-index', String(i));
      parent[i] = Number(g.getAttribute('data-p'));
      depth[i] = parent[i] < 0 ? 0 : depth[parent[i]] + 1;
      names[i] = g.children[0].textContent.split('\n')[0];
      sources[i] = g.getAttribute('data-src');
      var own = parsePairs(g.getAttribute('data-v'), views.length);
      var base = diff ? parsePairs(g.getAttribute('data-b'), views.length) : null;
      for (var w = 0; w < views.length; w++) {
        totals[w][i] = own[0][w];
        selves[w][i] = own[1][w];
        if (base) {
          baseTotals[w][i] = base[0][w];
          baseSelves[w][i] = base[1][w];
        }
      }
    }

    var state = { view: 0, zoom: 0, icicle: false, term: '' };
    var info = svg.querySelector('text.fg-info');
    var toolbar = element('div', 'fg-toolbar');
    var details = element('div', 'fg-details', 'Hover a frame for details; click a frame to zoom in.');
    var select = null;
    if (views.length > 1) {
      var viewLabel = element('label', 'fg-view-label', 'Counter ');
      select = element('select', 'fg-view');
      labels.forEach(function (text, k) {
        var option = element('option', null, text);
        option.value = String(k);
        select.appendChild(option);
      });
      viewLabel.appendChild(select);
      toolbar.appendChild(viewLabel);
    } else {
      toolbar.appendChild(element('span', 'fg-view-label', labels[0]));
    }
    var searchBox = element('input', 'fg-search');
    searchBox.type = 'search';
    searchBox.placeholder = 'Search frames';
    searchBox.setAttribute('aria-label', 'Search frames');
    var matched = element('span', 'fg-matched', '');
    var resetButton = element('button', 'fg-reset', 'Reset zoom');
    resetButton.type = 'button';
    var flipButton = element('button', 'fg-flip', 'Icicle');
    flipButton.type = 'button';
    flipButton.title = 'Show the root at the top (icicle) or at the bottom (flame)';
    toolbar.appendChild(searchBox);
    toolbar.appendChild(matched);
    toolbar.appendChild(resetButton);
    toolbar.appendChild(flipButton);
    var scroll = element('div', 'fg-scroll');
    svg.parentNode.insertBefore(toolbar, svg);
    svg.parentNode.insertBefore(scroll, svg);
    scroll.appendChild(svg);
    scroll.parentNode.insertBefore(details, scroll.nextSibling);

    function share(values, i) {
      return values[0] === 0 ? 0 : (100 * values[i]) / values[0];
    }

    function change(i) {
      return share(totals[state.view], i) - share(baseTotals[state.view], i);
    }

    function scale() {
      var max = MIN_SCALE_POINTS;
      for (var i = 1; i < n; i++) {
        max = Math.max(max, Math.abs(change(i)));
      }
      return max;
    }

    function summary() {
      var view = state.view;
      var frames = count(n - 1) + (n === 2 ? ' frame' : ' frames');
      var text = labels[view] + ' · ';
      if (!diff) {
        return text + count(totals[view][0]) + ' samples · ' + frames;
      }
      return text + 'width: current, ' + count(totals[view][0]) + ' samples, ' + frames +
        ' · colour: change in share from the baseline, ' + count(baseTotals[view][0]) + ' samples';
    }

    function legend(max) {
      var steps = svg.querySelectorAll('rect.fg-legend-step');
      var half = (steps.length - 1) / 2;
      for (var k = 0; k < steps.length; k++) {
        steps[k].setAttribute('fill', changeColour((max * (k - half)) / half, max));
      }
      svg.querySelector('text.fg-legend-min').textContent = points(-max) + ' (shrank)';
      svg.querySelector('text.fg-legend-max').textContent = points(max) + ' (grew)';
      var base = baseTotals[state.view][0];
      svg.querySelector('text.fg-legend-gone').textContent = vanishedFrames === 0
        ? 'Every baseline frame is still there.'
        : count(vanishedFrames) + (vanishedFrames === 1 ? ' frame' : ' frames') +
          ' only in the baseline (' + percent(vanished[state.view], base) + ' of its samples) not drawn.';
    }

    function layout() {
      var values = totals[state.view];
      var z = state.zoom;
      var onPath = new Uint8Array(n);
      for (var a = z; a >= 0; a = parent[a]) {
        onPath[a] = 1;
      }
      var inZoom = new Uint8Array(n);
      var x = new Float64Array(n);
      var cursor = new Float64Array(n);
      var max = diff ? scale() : 0;
      for (var i = 0; i < n; i++) {
        var p = parent[i];
        var width = 0;
        if (onPath[i]) {
          width = values[i] > 0 ? WIDTH : 0;
          inZoom[i] = i === z ? 1 : 0;
        } else if (p >= 0 && inZoom[p]) {
          inZoom[i] = 1;
          width = values[z] > 0 ? (values[i] * WIDTH) / values[z] : 0;
          x[i] = cursor[p];
          cursor[p] += width;
        }
        cursor[i] = x[i];
        var g = groups[i];
        if (width <= 0 && i > 0) {
          g.setAttribute('display', 'none');
          continue;
        }
        g.removeAttribute('display');
        var y = state.icicle ? top + depth[i] * frameHeight : top + (maxDepth - depth[i]) * frameHeight;
        var rect = g.children[1];
        var text = g.children[2];
        rect.setAttribute('x', fixed(x[i]));
        rect.setAttribute('y', fixed(y));
        rect.setAttribute('width', fixed(width));
        text.setAttribute('x', fixed(x[i] + PADDING));
        text.setAttribute('y', fixed(y + 11));
        text.textContent = label(names[i], width);
        g.classList.toggle('fg-anc', onPath[i] === 1 && i !== z);
        if (diff) {
          rect.setAttribute('fill', changeColour(change(i), max));
        }
      }
      if (diff) {
        legend(max);
      }
      if (info) {
        info.textContent = summary();
      }
      svg.setAttribute('data-zoom', String(z));
      svg.setAttribute('data-view', String(state.view));
      svg.setAttribute('data-orientation', state.icicle ? 'icicle' : 'flame');
    }

    function search(term) {
      state.term = term;
      var needle = term.toLowerCase();
      var values = totals[state.view];
      var hit = new Uint8Array(n);
      var covered = new Uint8Array(n);
      var frames = 0;
      var sum = 0;
      for (var i = 1; i < n; i++) {
        var p = parent[i];
        covered[i] = covered[p] || hit[p];
        var match = needle !== '' && names[i].toLowerCase().indexOf(needle) >= 0;
        hit[i] = match ? 1 : 0;
        groups[i].classList.toggle('fg-match', match);
        if (match) {
          frames++;
          if (!covered[i]) {
            sum += values[i];
          }
        }
      }
      matched.textContent = needle === ''
        ? ''
        : frames === 0
          ? 'No frame matches'
          : 'Matched ' + count(frames) + (frames === 1 ? ' frame: ' : ' frames: ') + count(sum) +
            ' of ' + count(values[0]) + ' samples (' + percent(sum, values[0]) + ')';
      svg.setAttribute('data-matched-samples', String(sum));
    }

    function describe(i) {
      var view = state.view;
      var values = totals[view];
      var lines = [names[i]];
      var line = 'total ' + count(values[i]) + ' of ' + count(values[0]) + ' (' + percent(values[i], values[0]) +
        ') · self ' + count(selves[view][i]);
      if (state.zoom > 0 && i !== state.zoom) {
        line += ' · ' + percent(values[i], values[state.zoom]) + ' of ' + names[state.zoom];
      }
      lines.push(line);
      if (diff) {
        var base = baseTotals[view];
        lines.push('baseline ' + count(base[i]) + ' of ' + count(base[0]) + ' (' + percent(base[i], base[0]) +
          ') · self ' + count(baseSelves[view][i]) + ' · change ' + points(change(i)));
      }
      if (sources[i]) {
        lines.push(sources[i]);
      }
      return lines.join('\n');
    }

    function frameOf(event) {
      var g = event.target.closest ? event.target.closest('g.f') : null;
      return g ? Number(g.getAttribute('data-index')) : -1;
    }

    svg.addEventListener('mouseover', function (event) {
      var i = frameOf(event);
      if (i >= 0) {
        var text = describe(i);
        details.textContent = text;
        groups[i].children[0].textContent = text;
      }
    });
    svg.addEventListener('click', function (event) {
      var i = frameOf(event);
      if (i >= 0) {
        state.zoom = i;
        layout();
      }
    });
    resetButton.addEventListener('click', function () {
      state.zoom = 0;
      layout();
    });
    flipButton.addEventListener('click', function () {
      state.icicle = !state.icicle;
      flipButton.textContent = state.icicle ? 'Flame' : 'Icicle';
      layout();
    });
    searchBox.addEventListener('input', function () {
      search(searchBox.value);
    });
    if (select) {
      select.addEventListener('change', function () {
        state.view = Number(select.value);
        layout();
        search(state.term);
      });
    }

    layout();
    var initial = svg.getAttribute('data-search');
    if (initial) {
      searchBox.value = initial;
      search(initial);
    }
    var api = {
      zoom: function (i) { state.zoom = i; layout(); },
      search: function (term) { searchBox.value = term; search(term); }
    };
    svg.fakeguruFlameGraph = api;
    return api;
  }

  window.FakeGuruFlameGraph = { attach: attach };
  var svgs = document.querySelectorAll('svg.fg-svg');
  for (var k = 0; k < svgs.length; k++) {
    attach(svgs[k]);
  }
})();

// The dashboard's and the big screen's charts, drawn with the ECharts served by the app.
// Data comes from the json_script blocks "dashboard-data" and "dashboard-labels".
(function () {
  "use strict";
  var palette = ["#b71c1c", "#f9a825", "#1565c0", "#2e7d32", "#6a1b9a", "#00838f"];

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function base(dark) {
    var text = dark ? "#e8eefc" : "#333";
    return {
      color: palette,
      textStyle: { color: text },
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0, type: "scroll", textStyle: { color: text } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    };
  }

  function bars(categories, series, opts) {
    opts = opts || {};
    return {
      xAxis: opts.horizontal
        ? { type: "value", minInterval: 1 }
        : { type: "category", data: categories, axisLabel: { interval: 0, rotate: opts.rotate || 0 } },
      yAxis: opts.horizontal
        ? { type: "category", data: categories, inverse: true }
        : { type: "value", minInterval: 1 },
      series: series.map(function (s) {
        return {
          name: s.name, type: "bar", stack: opts.stack ? "all" : undefined,
          data: s.data, label: { show: !!opts.labels, position: opts.stack ? "inside" : "top" },
        };
      }),
    };
  }

  function structure(data, labels, part) {
    // Stacked bars: one bar per (group, day), stacked by band.
    var keys = Object.keys(part === "age" ? data.age_labels : data.education_labels);
    var names = part === "age" ? data.age_labels : data.education_labels;
    var categories = [];
    var groups = [["cadres", labels.cadres], ["reserves", labels.pool]];
    groups.forEach(function (g) {
      data[g[0]].forEach(function (point) { categories.push(g[1] + " " + point.on.slice(0, 4)); });
    });
    var series = keys.map(function (key) {
      var values = [];
      groups.forEach(function (g) {
        data[g[0]].forEach(function (point) { values.push(point[part][key]); });
      });
      return { name: names[key], data: values };
    });
    return bars(categories, series, { stack: true, rotate: 30 });
  }

  var builders = {
    villages: function (d, l) {
      var rows = d.villages;
      var names = rows.map(function (r) { return r.name; });
      var option = bars(names, [
        { name: l.reserves, data: rows.map(function (r) { return r.total; }) },
        { name: l.young_and_college, data: rows.map(function (r) { return r.young_and_college; }) },
        { name: l.missing, data: rows.map(function (r) { return r.missing + r.missing_young_college; }) },
      ], { rotate: 45 });
      option.series[0].markLine = {
        symbol: "none", data: [{ yAxis: d.thresholds.total }], lineStyle: { color: "#999" },
      };
      return option;
    },
    age: function (d, l) { return structure(d.structure, l, "age"); },
    education: function (d, l) { return structure(d.structure, l, "education"); },
    party: function (d) {
      return bars(d.party.stages, d.party.sources.map(function (source) {
        return { name: source, data: d.party.series[source] };
      }), { stack: true, horizontal: true });
    },
    training: function (d) {
      return bars(d.training.months, d.training.programmes.map(function (p) {
        return { name: p, data: d.training.series[p] };
      }), { stack: true, rotate: 45 });
    },
    mentoring: function (d, l) {
      var m = d.mentoring;
      var principles = Object.keys(m.principles).map(function (k) {
        return { name: k, value: m.principles[k] };
      });
      return {
        tooltip: { trigger: "item" },
        series: [
          { type: "pie", radius: ["0%", "38%"], center: ["50%", "58%"], label: { show: false },
            data: [
              { name: l.mentored, value: m.young_cadres_mentored },
              { name: l.unmentored, value: Math.max(0, m.young_cadres - m.young_cadres_mentored) },
            ] },
          { type: "pie", radius: ["50%", "70%"], center: ["50%", "58%"], data: principles,
            label: { formatter: "{b}: {c}" } },
        ],
      };
    },
    ratings: function (d) {
      return bars(d.ratings.years.map(String), d.ratings.ratings.map(function (r) {
        return { name: r, data: d.ratings.series[r] };
      }), { stack: true, labels: true });
    },
    outreach: function (d) {
      return {
        tooltip: { trigger: "item" },
        series: [{ type: "funnel", sort: "none", top: 30, bottom: 8, minSize: "10%",
          label: { formatter: "{b}: {c}" },
          data: d.outreach.labels.map(function (name, i) {
            return { name: name, value: d.outreach.values[i] };
          }) }],
      };
    },
  };

  function draw() {
    var data = read("dashboard-data");
    var labels = read("dashboard-labels");
    if (!data || typeof echarts === "undefined") return;
    var dark = document.body.hasAttribute("data-screen");
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (holder) {
      var module = holder.getAttribute("data-module");
      if (module && data.present[module] === false) {
        holder.classList.add("d-flex", "align-items-center", "justify-content-center", "text-secondary");
        holder.textContent = labels.no_data;
        return;
      }
      var chart = echarts.init(holder, dark ? "dark" : null);
      var option = Object.assign(base(dark), builders[holder.getAttribute("data-chart")](data, labels));
      if (dark) option.backgroundColor = "transparent";
      chart.setOption(option);
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
    var full = document.getElementById("fullscreen");
    if (full) {
      full.addEventListener("click", function () {
        if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
      });
      // A meeting-room display stays current: reload every ten minutes.
      window.setTimeout(function () { window.location.reload(); }, 600000);
    }
  }

  document.addEventListener("DOMContentLoaded", draw);
})();

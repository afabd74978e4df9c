// The mentoring overview chart: running pairs per village, idle ones stacked on top.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("mentoring-chart");
  var source = document.getElementById("mentoring-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: data.labels },
    grid: { left: 40, right: 20, top: 40, bottom: 90, containLabel: true },
    xAxis: { type: "category", data: data.villages, axisLabel: { rotate: 60, interval: 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: data.labels[0], type: "bar", stack: "pairs", data: data.pairs,
        itemStyle: { color: "#b71c1c" } },
      { name: data.labels[1], type: "bar", stack: "pairs", data: data.idle,
        itemStyle: { color: "#f0a202" } },
    ],
  });
  window.addEventListener("resize", function () { chart.resize(); });
});

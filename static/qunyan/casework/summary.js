// Services and mediation cases per village (group, person) as a bar chart.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("casework-chart");
  var source = document.getElementById("casework-chart-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: data.series },
    grid: { left: 40, right: 10, bottom: 80 },
    xAxis: { type: "category", data: data.labels, axisLabel: { rotate: 40 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: data.series[0], type: "bar", data: data.services, itemStyle: { color: "#b71c1c" } },
      { name: data.series[1], type: "bar", data: data.cases, itemStyle: { color: "#f0a202" } },
    ],
  });
  window.addEventListener("resize", function () { chart.resize(); });
});

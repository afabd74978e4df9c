// The survey chart: reserves and young reserves with college education, village by village.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("survey-chart");
  var source = document.getElementById("survey-data");
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
      { name: data.labels[0], type: "bar", data: data.total, itemStyle: { color: "#b71c1c" } },
      { name: data.labels[1], type: "bar", data: data.young_and_college,
        itemStyle: { color: "#f0a202" } },
    ],
  });
  window.addEventListener("resize", function () { chart.resize(); });
});

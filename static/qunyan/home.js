// The dashboard's reserve chart, drawn with the ECharts served by the app itself.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("reserve-chart");
  var source = document.getElementById("reserve-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var labels = JSON.parse(document.getElementById("reserve-labels").textContent);
  var chart = echarts.init(holder);
  chart.setOption({
    tooltip: {},
    grid: { left: 40, right: 20, top: 20, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: labels, axisLabel: { interval: 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{
      type: "bar",
      itemStyle: { color: "#b71c1c" },
      label: { show: true, position: "top" },
      data: [data.total, data.age_35_or_under, data.college_or_above, data.young_and_college],
    }],
  });
  window.addEventListener("resize", function () { chart.resize(); });
});

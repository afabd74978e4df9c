// The returnee funnel: contacted → intends to return → returned → business → pool → party.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("funnel-chart");
  var source = document.getElementById("funnel-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder);
  var colours = ["#b71c1c", "#d84315", "#ef6c00", "#f0a202", "#7cb342", "#2e7d32"];
  chart.setOption({
    tooltip: { trigger: "item", formatter: "{b}: {c}" },
    series: [{
      name: data.title,
      type: "funnel",
      left: "10%",
      width: "80%",
      top: 10,
      bottom: 10,
      sort: "none",
      min: 0,
      max: Math.max.apply(null, data.values.concat([1])),
      minSize: "8%",
      gap: 2,
      label: { show: true, position: "inside", formatter: "{b}  {c}" },
      data: data.labels.map(function (label, i) {
        return { name: label, value: data.values[i], itemStyle: { color: colours[i] } };
      }),
    }],
  });
  holder.dataset.values = data.values.join(",");
  window.addEventListener("resize", function () { chart.resize(); });
});

"""Matplotlib figures for workshops and dashboards (French labels). Each
function takes a calculator result and returns a Figure; nothing is shown or saved."""

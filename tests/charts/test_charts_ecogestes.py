from matplotlib.figure import Figure

from counselling.calculators.ecogestes import ecogestes
from counselling.charts.ecogestes import consumption_chart, savings_chart


def test_charts_return_figures_with_french_labels():
    result = ecogestes(2, energie_chauffage="gaz", appareils=["lave_linge"], prix_kwh=0.2, on="2026-11-23")
    fig = savings_chart(result)
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_xlabel() == "Économie estimée (€ par an)"
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("prix à saisir" in t for t in texts)  # gas gestures without a gas price
    fig2 = consumption_chart(result)
    assert "hachuré" in fig2.axes[0].get_title()

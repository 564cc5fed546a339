"""Writers of files made from calculator results (iCalendar…). Calculators never import them."""

"""Is a parameter of ``tariffs/`` up to date for a date or a period?

A small calculator over the revision calendar of :mod:`counselling.tariffs`:
it says which value applies, since when, whether a scheduled revision has
passed without the kit knowing the new value (« à vérifier »), and when the
next revision is due. Used by the calendar cases (``tests/cases/
calendrier_revisions.yaml``) and by anyone who asks « ce barème est-il à
jour pour ce mois-là ? ».
"""

from __future__ import annotations

import datetime as dt

from ..errors import InputError, TariffError, quote
from ..formatting import date_fr
from ..inputs import code_text, parse_date
from ..results import Explainer, Result


def etat_parametre(parametre, on, jusqu_au=None) -> Result:
    """State of parameter ``parametre`` (``"fichier.nom"``) on ``on``, or over
    the period from ``on`` to ``jusqu_au`` (both included).

    Returns
    -------
    Result
        ``a_verifier`` (bool: a scheduled revision inside the dates asked is
        not known to the kit), ``revision_due`` (its date, or None),
        ``en_vigueur_depuis`` (date of effect of the value used),
        ``prochaine_revision`` (next scheduled revision after the data's last
        date, or None when the text has no schedule), ``calendrier`` (French).
    """
    day = parse_date(on, "on", "Date")
    end = None if jusqu_au in (None, "") else parse_date(jusqu_au, "jusqu_au", "Fin de la période",
                                                          minimum=day)
    key = code_text(parametre)
    if not key:
        raise InputError("parametre", "Paramètre", f"{quote(parametre)} n'est pas un nom de paramètre",
                         "un paramètre connu, « fichier.nom »")
    ex = Explainer("etat_parametre", day)
    try:
        value = ex.param(key, day, until=end)
    except TariffError as exc:
        raise InputError("parametre", "Paramètre", str(exc), "un paramètre connu, « fichier.nom »") from None
    next_revision = (None if value.still_valid_on == dt.date.max
                     else value.still_valid_on + dt.timedelta(days=1))
    period = f"du {date_fr(day)} au {date_fr(end)}" if end else f"le {date_fr(day)}"
    ex.step(f"« {value.label} » {period} : valeur en vigueur depuis le {date_fr(value.effective_from)} ; "
            f"calendrier de révision : {value.calendar_text}.", reference=value)
    if value.stale:
        ex.step(f"Une révision prévue le {date_fr(value.due)} n'est pas encore connue du kit : à vérifier.")
    return ex.result(a_verifier=value.stale, revision_due=value.due,
                     en_vigueur_depuis=value.effective_from, prochaine_revision=next_revision,
                     calendrier=value.calendar_text)

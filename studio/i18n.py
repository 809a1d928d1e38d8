"""Loading the studio's translations (compiled ``.qm`` files in ``resources/translations``).

English is the source language and needs no file. Switching language replaces the installed translators; Qt
then sends every widget a ``LanguageChange`` event and the widgets retranslate themselves (:class:`Retranslating`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

__all__ = ["LANGUAGES", "TRANSLATIONS_DIR", "Retranslating", "current_language", "qm_path", "set_language",
           "system_language"]

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"

#: Supported languages: code → the language's own name (menus show each language in itself).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []
_current = "en"


def qm_path(language: str) -> Path:
    """The compiled translation file of ``language``."""
    return TRANSLATIONS_DIR / f"studio_{language}.qm"


def system_language() -> str:
    """The supported language closest to the system locale (any Chinese locale → zh_CN; otherwise English)."""
    name = QLocale.system().name()
    if name in LANGUAGES:
        return name
    return "zh_CN" if name.startswith("zh") else "en"


def current_language() -> str:
    """The language set by the last :func:`set_language` call ("en" before any)."""
    return _current


def set_language(language: str) -> None:
    """Install the studio's (and Qt's own) translations of ``language`` into the running application.

    Raises ``ValueError`` for an unsupported language and ``FileNotFoundError`` when its ``.qm`` is missing
    (run ``make translations``).
    """
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; supported: {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    translators = []
    if language != "en":
        studio = QTranslator(app)
        if not studio.load(str(qm_path(language))):
            raise FileNotFoundError(f"no translation file {qm_path(language)}; run `make translations`")
        translators.append(studio)
        qt = QTranslator(app)
        # Qt's own strings (standard buttons, dialogs); PySide6 wheels ship them, a missing file is not an error.
        if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            translators.append(qt)
    while _installed:
        app.removeTranslator(_installed.pop())
    for translator in translators:
        app.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(QLocale(language))
    _current = language
    # Deliver the LanguageChange events now (app → windows → children), so the switch is complete on return.
    QCoreApplication.sendPostedEvents(app, QEvent.Type.LanguageChange)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


class Retranslating:
    """Mixin for a widget that sets its texts in ``retranslate()``: every ``LanguageChange`` event calls it again.

    List it before the Qt base class (``class Panel(Retranslating, QWidget)``) so that its ``changeEvent`` comes
    first; the event then goes on to the Qt class as before.
    """

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (a Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

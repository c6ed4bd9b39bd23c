from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri

EMBLEM_URL = "/to-chuc/"


@deconstructible
class EmblemStorage(Storage):
    """The organisation's emblem is public (it is printed on every certificate) and served by a view of its own
    (`/to-chuc/<name>`); every other upload has no URL at all. It lives where every file lives, the default
    storage (MEDIA_ROOT, or the bucket of STORAGE_URL), looked up at each use, not once when the model is loaded:
    a deployment, or a test, that switches the storage moves the emblem with everything else."""

    @staticmethod
    def _target():
        return storages["default"]

    def url(self, name):
        return EMBLEM_URL + filepath_to_uri(name)

    def save(self, name, content, max_length=None):
        return self._target().save(name, content, max_length=max_length)

    def open(self, name, mode="rb"):
        return self._target().open(name, mode)

    def delete(self, name):
        return self._target().delete(name)

    def exists(self, name):
        return self._target().exists(name)

    def size(self, name):
        return self._target().size(name)

    def path(self, name):
        return self._target().path(name)  # NotImplementedError on object storage

    def listdir(self, path):
        return self._target().listdir(path)

    def generate_filename(self, filename):
        return self._target().generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self._target().get_available_name(name, max_length=max_length)

    def get_modified_time(self, name):
        return self._target().get_modified_time(name)


def emblem_storage():
    return EmblemStorage()

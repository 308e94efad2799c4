// A labelled input with the message of the error Clerk reported for it (`errors.fields.<name>`)
// under it. The input's name is its id: the forms' actions read it from their FormData.
export default function Field({ id, label, type = 'text', autoComplete, error, errorId = `${id}-error` }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} type={type} autoComplete={autoComplete} />
      {error && (
        <p id={errorId} className="field-error">
          {error.message}
        </p>
      )}
    </div>
  )
}
